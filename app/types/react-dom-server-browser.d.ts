// react-dom ships its Web Streams renderer as "react-dom/server.browser";
// @types/react-dom declares that renderer under "react-dom/server".
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
