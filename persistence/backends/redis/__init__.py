"""Redis backend (plain or Cluster): per session a hash and a list, written by Lua scripts."""
