// Placeholder handler shared by the error tests: they only need the directory to exist.
exports.handler = async () => ({ ok: true });
