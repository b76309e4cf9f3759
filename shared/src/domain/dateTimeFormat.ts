/**
 * An `Intl.DateTimeFormat` for these locale and options, made once and kept: making one costs
 * tens of microseconds (it loads the time zone and locale data), formatting with it about one.
 * The reminder tick formats thousands of dates, and so do long lists.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    // Throws (RangeError) on an unknown time zone, before anything is kept.
    format = new Intl.DateTimeFormat(locale, options);
    // A handful of shapes × the time zones in use; bounded all the same.
    if (formats.size >= MAX_FORMATS) formats.delete(formats.keys().next().value as string);
    formats.set(key, format);
  }
  return format;
}

const MAX_FORMATS = 200;
const formats = new Map<string, Intl.DateTimeFormat>();
