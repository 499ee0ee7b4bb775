// One line that says why a test failed, for the recap at the end of `npm test`: the error's
// message with its lines joined (an assertion's first line alone is "Expected values to be
// strictly equal:"), cut to a length a log line can carry.
function failureGist(error) {
  const message = String(error?.message ?? error)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
  return message.length > 240 ? `${message.slice(0, 239)}…` : message;
}

module.exports = { failureGist };
