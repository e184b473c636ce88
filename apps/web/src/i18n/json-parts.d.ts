/** A part of a language file, cut by the build (parts.ts, vite.config.mts `i18nParts`). */
declare module '*.json?part=core' {
  const part: Record<string, unknown>;
  export default part;
}
declare module '*.json?part=work' {
  const part: Record<string, unknown>;
  export default part;
}
