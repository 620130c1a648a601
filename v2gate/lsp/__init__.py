"""`quality-gates lsp`: a language server (pygls, stdio) that shows the gate's results in an editor.

Above run, explain and rewrite, below cli; pygls loads only for `quality-gates lsp`.
"""
