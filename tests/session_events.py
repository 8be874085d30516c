"""Driving a Session as the app does, in the test's own thread."""

from __future__ import annotations

from pathlib import Path

from reader.session import EntriesListed, Event, LoadingFinished, Session


def listed(session: Session, paths: list[Path]) -> list[Event]:
    """List `paths` in this thread, handing each event back to the session as an app would."""
    events: list[Event] = []
    session.list_outlines(paths, events.append)
    for event in events:
        if isinstance(event, EntriesListed):
            session.listed(event)
        elif isinstance(event, LoadingFinished):
            session.loading_finished()
    return events
