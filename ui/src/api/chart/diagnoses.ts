// Commands of the chart's diagnoses area (see src-tauri/src/commands).
import { call } from '../call';

export const diagnosesApi = {
  // e.g. foo: (id: string) => call<Foo>('foo', { id }),
};

void call;
