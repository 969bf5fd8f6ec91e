// The site's modules import their stylesheets; under jest (Node) a stylesheet is nothing.
module.exports = {};
