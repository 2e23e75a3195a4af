// The Lambda bundle inlines data files as text (esbuild `loader: { '.csv': 'text' }` in build.ts),
// because the bundle has no data/ folder beside it.
declare module '*.csv' {
  const text: string
  export default text
}
