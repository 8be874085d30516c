"""The Textual reader app: `NewsReader` in app.py, its panes in widgets.py, its look in app.tcss."""
