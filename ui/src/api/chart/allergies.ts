// Commands of the chart's allergies area (see src-tauri/src/commands).
import { call } from '../call';

export const allergiesApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
