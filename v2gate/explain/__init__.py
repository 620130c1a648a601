"""`quality-gates explain TARGET`: how each limit is counted for one function, class or file."""
