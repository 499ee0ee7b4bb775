// Not an app-server: a process that reads stdin and never writes, like a binary that hangs
// before answering `initialize`. Exits when its stdin closes.
process.stdin.resume();
