// Commands of the chart's visits area (see src-tauri/src/commands).
import { call } from '../call';

export const visitsApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
