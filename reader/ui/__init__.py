"""The Textual reader app: `NewsReader` in app.py, its panes in reading.py, article_list.py and widgets.py
over a session (reader/session.py); see docs/architecture.md."""
