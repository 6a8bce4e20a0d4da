package org.shuxiang.network;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for operators. */
@Repository
class OperatorRepository {

    private final JdbcClient jdbc;

    OperatorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Operator> list() {
        return jdbc.sql("select code, kind, name_zh, name_en from operator order by code")
                .query((rs, n) -> new Operator(rs.getString(1), Operator.Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    Optional<Operator> find(String code) {
        return jdbc.sql("select code, kind, name_zh, name_en from operator where code = :code").param("code", code)
                .query((rs, n) -> new Operator(rs.getString(1), Operator.Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4)))
                .optional();
    }

    boolean exists(String code) {
        return jdbc.sql("select exists(select 1 from operator where code = :code)").param("code", code)
                .query(Boolean.class).single();
    }

    /** Inserts the operator; false when its code is taken. */
    boolean insert(Operator operator) {
        return jdbc.sql("""
                        insert into operator (code, kind, name_zh, name_en) values (:code, :kind, :zh, :en)
                        on conflict (code) do nothing""")
                .param("code", operator.code()).param("kind", operator.kind().name())
                .param("zh", operator.nameZh()).param("en", operator.nameEn())
                .update() == 1;
    }
}
