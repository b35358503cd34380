// The page's entry point, kept to a few kilobytes: it asks the gateway for
// what the first screen needs (who is signed in; on /file/{id}, the file and,
// over the WebSocket, its document) before the app has loaded, so that the
// answers come while the browser loads the app (see sync/early-socket.ts).
import { paths, prefetch } from "./app/api";
import { parseRoute } from "./app/routes";
import { openEarly } from "./sync/early-socket";
import { gatewaySocketUrl } from "./sync/socket";

const route = parseRoute(window.location.pathname);
prefetch(paths.me);
if (route.name === "file") {
  prefetch(paths.file(route.fileId));
  // Ids are canonical lower case, as the gateway writes them (and FilePage asks for them).
  openEarly(gatewaySocketUrl(window.location), route.fileId.toLowerCase());
}
void import("./app/start");
