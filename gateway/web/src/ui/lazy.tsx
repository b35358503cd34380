// Parts of the editor that the first screen does not show (version history,
// the share dialog, the comments panel, the file browser, signing in) are
// loaded when first shown, so that the script a file's open waits for stays
// smaller: parsing and starting it is much of the time to open.
import { createElement, lazy, Suspense, type ComponentType } from "react";

/** The component `name` of a module that is loaded when the component is first rendered (nothing shows meanwhile). */
export function lazyNamed<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: (await load())[name] })) as unknown as ComponentType<P>;
  return function Loaded(props: P) {
    return createElement(Suspense, { fallback: null }, createElement(Lazy, props));
  };
}
