/** The read-model store contract on the embedded store: SQLite, in a temporary file. */
import { describeReadModelStoreContract } from './read-model-store.contract';
import { sqliteTarget } from './read-model-store-targets';

describeReadModelStoreContract(sqliteTarget);
