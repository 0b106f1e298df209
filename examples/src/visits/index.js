// Placeholder handlers for the visit counter API (HTTP API payload 2.0).
exports.count = async (event) => {
  console.log("count", event.pathParameters && event.pathParameters.page, process.env.TABLE);
  return { statusCode: 204 };
};
exports.list = async () => ({ statusCode: 200, body: JSON.stringify([]) });
