"""`quality-gates history`: the gate's totals for each commit of the current branch, read from git."""
