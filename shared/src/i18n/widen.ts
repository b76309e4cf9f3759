/** A catalogue's shape with every string literal widened to `string`, so translations can differ. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
