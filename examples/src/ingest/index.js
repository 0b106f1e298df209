// Placeholder handler: logs the event it was given.
exports.handler = async (event) => {
  console.log(JSON.stringify(event));
  return { ok: true };
};
