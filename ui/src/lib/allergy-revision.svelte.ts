// A counter that goes up whenever allergies are recorded anywhere in the chart, so the banner's
// badge (and anything else showing allergies) reloads without being told by whom.
export const allergyRevision = $state({ value: 0 });

export function allergiesChanged(): void {
  allergyRevision.value += 1;
}
