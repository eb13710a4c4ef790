// Commands of the chart's histories area (see src-tauri/src/commands).
import { call } from '../call';

export const historiesApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
