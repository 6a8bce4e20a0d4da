package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.interceptor.RuleBasedTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;

/** A transactional method that names no transaction manager is given the one the application has. */
class NamedTransactionManagerTest {

    private static final Method ANY_METHOD = Object.class.getMethods()[0];

    private static TransactionAttributeSource returning(TransactionAttribute attribute) {
        return (method, targetClass) -> attribute;
    }

    @Test
    void a_method_that_names_no_manager_is_given_the_one_manager() {
        RuleBasedTransactionAttribute unnamed = new RuleBasedTransactionAttribute();
        TransactionAttributeSource naming = new NamedTransactionManager.Naming(returning(unnamed), "transactionManager");

        assertThat(naming.getTransactionAttribute(ANY_METHOD, Object.class).getQualifier())
                .isEqualTo("transactionManager");
    }

    @Test
    void a_method_that_names_its_own_manager_keeps_it() {
        RuleBasedTransactionAttribute named = new RuleBasedTransactionAttribute();
        named.setQualifier("reports");
        TransactionAttributeSource naming = new NamedTransactionManager.Naming(returning(named), "transactionManager");

        assertThat(naming.getTransactionAttribute(ANY_METHOD, Object.class).getQualifier()).isEqualTo("reports");
    }

    @Test
    void a_method_that_is_not_transactional_stays_so() {
        TransactionAttributeSource naming = new NamedTransactionManager.Naming(returning(null), "transactionManager");

        assertThat(naming.getTransactionAttribute(ANY_METHOD, Object.class)).isNull();
    }
}
