"""Save the README's screenshot: the app on the bundled seed at 120x40, once its summary is on screen.

Usage: python docs/screenshot.py [OUT.svg]   (default: docs/screenshot.svg beside this script)
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from reader.ui.app import NewsReader
from reader.ui.widgets import ArticleView


async def main(out: Path) -> None:
    app = NewsReader(theme_name="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # the first analysis loads NLTK and sumy in its thread: a few seconds at most
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            shown = app.query_one(ArticleView).article
            if shown is not None and shown.summary:
                break
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "screenshot.svg"))
