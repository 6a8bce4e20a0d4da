package org.shuxiang.platform.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.Grant;
import org.shuxiang.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for staff accounts and their grants. */
@Repository
public class StaffAccountRepository {

    private final JdbcClient jdbc;

    StaffAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StaffAccount> findByUsername(String username) {
        return jdbc.sql("""
                        select id, username, display_name, password_hash, enabled, failed_logins, locked_until
                        from staff_account where username = :username""")
                .param("username", username)
                .query(this::account)
                .optional()
                .map(this::withGrants);
    }

    /** Every account with its grants, in two queries whatever the number of accounts. */
    public List<StaffAccount> findAll() {
        List<StaffAccount> accounts = jdbc.sql("""
                        select id, username, display_name, password_hash, enabled, failed_logins, locked_until
                        from staff_account order by username""")
                .query(this::account).list();
        Map<Long, List<Grant>> grants = new LinkedHashMap<>();
        jdbc.sql("select staff_id, role, unit_code, operator_code from staff_grant order by id")
                .query(rs -> {
                    grants.computeIfAbsent(rs.getLong("staff_id"), id -> new ArrayList<>()).add(grant(rs));
                });
        return accounts.stream().map(a -> copyWithGrants(a, grants.getOrDefault(a.id(), List.of()))).toList();
    }

    /** Serialises account bootstrapping across nodes, until the transaction ends. */
    public void lockForBootstrap() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('shuxiang.staff.bootstrap'))").query().singleRow();
    }

    public long count() {
        return jdbc.sql("select count(*) from staff_account").query(Long.class).single();
    }

    public long insert(String username, String displayName, String passwordHash) {
        return jdbc.sql("""
                        insert into staff_account (username, display_name, password_hash)
                        values (:username, :displayName, :hash) returning id""")
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .query(Long.class).single();
    }

    public void replaceGrants(long staffId, Collection<Grant> grants) {
        jdbc.sql("delete from staff_grant where staff_id = :id").param("id", staffId).update();
        for (Grant grant : grants) {
            jdbc.sql("""
                            insert into staff_grant (staff_id, role, unit_code, operator_code)
                            values (:id, :role, :unit, :operator) on conflict do nothing""")
                    .param("id", staffId)
                    .param("role", grant.role().name())
                    .param("unit", grant.unitCode())
                    .param("operator", grant.operatorCode())
                    .update();
        }
    }

    public void updatePassword(long staffId, String passwordHash) {
        jdbc.sql("""
                        update staff_account set password_hash = :hash, failed_logins = 0, locked_until = null,
                               updated_at = now() where id = :id""")
                .param("hash", passwordHash).param("id", staffId).update();
    }

    public void updateProfile(long staffId, String displayName, boolean enabled) {
        jdbc.sql("update staff_account set display_name = :name, enabled = :enabled, updated_at = now() where id = :id")
                .param("name", displayName).param("enabled", enabled).param("id", staffId).update();
    }

    public void unlock(long staffId) {
        jdbc.sql("update staff_account set failed_logins = 0, locked_until = null where id = :id")
                .param("id", staffId).update();
    }

    /**
     * Counts a failed sign-in in one statement, so that concurrent attempts all count. A count left
     * from a lock that has run out starts again at one.
     *
     * @return the failures counted so far, and the lock's end if this failure locked the account
     */
    public FailedLogin recordFailedLogin(long staffId, int maxFailures, Duration lockDuration) {
        return jdbc.sql("""
                        with counted as (
                            select id,
                                   case when locked_until is not null and locked_until <= now() then 1
                                        else failed_logins + 1 end as failures
                            from staff_account where id = :id for update
                        )
                        update staff_account s
                        set failed_logins = c.failures,
                            locked_until = case when c.failures >= :max then now() + make_interval(secs => :lockSeconds)
                                                when s.locked_until <= now() then null
                                                else s.locked_until end
                        from counted c where s.id = c.id
                        returning s.failed_logins, s.locked_until""")
                .param("id", staffId)
                .param("max", maxFailures)
                .param("lockSeconds", (double) lockDuration.toSeconds())
                .query((rs, n) -> new FailedLogin(rs.getInt(1), instant(rs.getTimestamp(2))))
                .single();
    }

    public void recordSuccessfulLogin(long staffId) {
        jdbc.sql("update staff_account set failed_logins = 0, locked_until = null where id = :id and failed_logins > 0")
                .param("id", staffId).update();
    }

    public record FailedLogin(int failures, Instant lockedUntil) {
    }

    private StaffAccount withGrants(StaffAccount account) {
        List<Grant> grants = jdbc.sql("select role, unit_code, operator_code from staff_grant where staff_id = :id order by id")
                .param("id", account.id())
                .query((rs, n) -> grant(rs)).list();
        return copyWithGrants(account, grants);
    }

    private static StaffAccount copyWithGrants(StaffAccount a, List<Grant> grants) {
        return new StaffAccount(a.id(), a.username(), a.displayName(), a.passwordHash(), a.enabled(),
                a.failedLogins(), a.lockedUntil(), List.copyOf(grants));
    }

    private StaffAccount account(ResultSet rs, int row) throws SQLException {
        return new StaffAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("enabled"), rs.getInt("failed_logins"),
                instant(rs.getTimestamp("locked_until")), List.of());
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(Role.valueOf(rs.getString("role")), rs.getString("unit_code"), rs.getString("operator_code"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
