package dev.perfwarden.debt;

/** The store's contract on a real PostgreSQL server ({@link PostgresServer}). */
class PostgresDebtStoreTest extends DebtStoreContract {
    @Override
    String freshDb() throws Exception {
        return PostgresServer.get().newDatabase();
    }
}
