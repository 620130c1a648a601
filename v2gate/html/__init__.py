"""`quality-gates report --html DIR`: the run's measurements as a static site that works offline."""
