package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The connection pool fits the machine unless the operator sizes it. */
class DatabasePropertiesTest {

    @Test
    void unset_the_pool_is_twice_the_processors_plus_one() {
        DatabaseProperties none = new DatabaseProperties(Path.of("data"), null);
        DatabaseProperties unset = new DatabaseProperties(Path.of("data"),
                new DatabaseProperties.Db(null, null, null, null, null));
        assertThat(none.pool(2)).isEqualTo(5);
        assertThat(unset.pool(8)).isEqualTo(17);
    }

    @Test
    void a_pool_size_set_by_the_operator_is_kept() {
        DatabaseProperties set = new DatabaseProperties(Path.of("data"),
                new DatabaseProperties.Db("jdbc:postgresql://db/shuxiang", "shuxiang", "", 24, null));
        assertThat(set.pool(2)).isEqualTo(24);
    }
}
