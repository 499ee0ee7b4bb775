/**
 * dist/extension.js: the host bundle (dist/host.js) loaded through the code cache; its cache is
 * written once activation is done (see codeCache.ts).
 */
import path from "node:path";

import type * as Host from "./extension";
import { loadWithCodeCache } from "./codeCache";

const host = loadWithCodeCache(path.join(__dirname, "host.js"), module);
const hostExports = host.exports as typeof Host;

module.exports = {
  ...hostExports,
  activate: (...args: Parameters<typeof Host.activate>) => {
    try {
      return hostExports.activate(...args);
    } finally {
      setImmediate(host.saveCache);
    }
  },
};
