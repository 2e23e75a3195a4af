// The Lambda bundle carries data files beside it (esbuild `loader: { '.csv': 'file' }` in
// build.ts): importing one gives its path relative to the bundle, to resolve against import.meta.url.
declare module '*.csv' {
  const relativePath: string
  export default relativePath
}
