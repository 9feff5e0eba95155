// comlink ships the Node adapter's types as node-adapter.d.ts beside node-adapter.mjs, which TypeScript
// does not pair with an .mjs import: point the .mjs specifier at those types.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
