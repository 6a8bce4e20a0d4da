package org.shuxiang.platform.database;

import java.lang.reflect.Method;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.StringUtils;

/**
 * Names the one transaction manager on every {@code @Transactional} method that names none. For a method
 * without a qualifier, Spring looks for a {@code @Qualifier} annotation on the target class at every call,
 * to choose a transaction manager; that lookup was 3.5% of the server's CPU under a kiosk load, where a
 * message crosses several transactional services. With the name set, the manager comes from Spring's
 * cache. The attribute sources cache their attributes, so each is named once.
 */
final class NamedTransactionManager implements SmartInitializingSingleton {

    /** The bean name of {@link CommittingTransactionManager} (see {@code DatabaseConfiguration}). */
    static final String BEAN_NAME = "transactionManager";

    private final ListableBeanFactory beans;

    NamedTransactionManager(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (TransactionInterceptor interceptor : beans.getBeansOfType(TransactionInterceptor.class, false, false)
                .values()) {
            TransactionAttributeSource source = interceptor.getTransactionAttributeSource();
            if (source != null && !(source instanceof Naming)) {
                interceptor.setTransactionAttributeSource(new Naming(source, BEAN_NAME));
            }
        }
    }

    /** An attribute source whose attributes name {@code manager} when they name no manager of their own. */
    record Naming(TransactionAttributeSource source, String manager) implements TransactionAttributeSource {

        @Override
        public boolean isCandidateClass(Class<?> targetClass) {
            return source.isCandidateClass(targetClass);
        }

        @Override
        public TransactionAttribute getTransactionAttribute(Method method, Class<?> targetClass) {
            TransactionAttribute attribute = source.getTransactionAttribute(method, targetClass);
            if (attribute instanceof DefaultTransactionAttribute named && !StringUtils.hasText(named.getQualifier())) {
                named.setQualifier(manager);
            }
            return attribute;
        }
    }
}
