"""Moving sessions between stores: the export format, reading it, export, import and migrate."""
