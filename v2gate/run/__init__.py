"""One run: which files, measured once (cache, then workers), then judged into a Report."""
