// Placeholder handler shared by the golden tests: logs the event it gets.
exports.handler = async (event) => {
  console.log(JSON.stringify(event));
  return { ok: true };
};
