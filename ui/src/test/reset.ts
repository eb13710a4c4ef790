// Puts the module-level UI state back to a fresh start between tests.
import { resetAuth } from '../lib/auth.svelte';
import { backupWatch } from '../lib/backup-watch.svelte';
import { search } from '../lib/search.svelte';
import { forgetEmergencyGrants, go, resetRegistration, session } from '../lib/stores.svelte';

export function resetUiState(): void {
  search.clear();
  resetRegistration();
  resetAuth();
  forgetEmergencyGrants();
  session.info = null;
  backupWatch.status = null;
  backupWatch.dismissed = null;
  go({ name: 'search' });
}
