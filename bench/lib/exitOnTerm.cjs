// Preloaded into the reference server when profiling: its default SIGTERM death skips the
// exit hooks that write the V8 CPU profile.
process.on('SIGTERM', () => process.exit(0));
