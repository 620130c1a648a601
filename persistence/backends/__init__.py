"""One package per backend, each behind the SessionStore contract; they import only the persistence core."""
