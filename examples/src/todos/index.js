// Placeholder handlers for the to-do API of examples/todo-app.stack (HTTP API payload 2.0).
// Each logs what it would do with the table named in TABLE; the item's key is the path
// parameter `id`.
const reply = (statusCode, body) => ({ statusCode, body: body === undefined ? "" : JSON.stringify(body) });
const id = (event) => event.pathParameters && event.pathParameters.id;

exports.list = async () => reply(200, []);
exports.create = async (event) => {
  console.log("create in", process.env.TABLE, event.body);
  return reply(201, {});
};
exports.get = async (event) => reply(404, { id: id(event) });
exports.update = async (event) => {
  console.log("update", id(event), "in", process.env.TABLE);
  return reply(204);
};
exports.remove = async (event) => {
  console.log("delete", id(event), "from", process.env.TABLE);
  return reply(204);
};
