/**
 * Every table the plugin prints: at most 100 columns (or the terminal's width, if narrower), long cells wrapped
 * inside their column. Without a bound, a table of reasons grew to 220 columns when the output was not a terminal.
 */
export const TABLE_LAYOUT = { maxWidth: 100, overflow: 'wrap' } as const;
