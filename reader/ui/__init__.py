"""The Textual reader app: `NewsReader` in app.py, its panes in reading.py, article_list.py and widgets.py
over a session (reader/session.py); see docs/architecture.md."""

import os

# Textual paints a frame at most once a 1/TEXTUAL_FPS s period, and after a frame longer than a period it waits
# up to two more: at its default of 60, a key that came just after a long frame waited up to 33 ms for its own.
# Set before Textual is imported (it reads the setting once); a user's own setting stands.
os.environ.setdefault("TEXTUAL_FPS", "240")
