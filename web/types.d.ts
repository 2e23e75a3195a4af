// esbuild loads .css as text for the widget, which puts its styles inside its shadow root.
declare module '*.css' {
  const text: string
  export default text
}
