"""V2 quality gate: six structural limits for Python code, measured on the stdlib parser's tree with radon; libcst rewrites."""

__version__ = "0.1.0"
