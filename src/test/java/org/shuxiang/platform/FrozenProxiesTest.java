package org.shuxiang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.network.OrgUnits;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;

/** The beans' transaction proxies are frozen: fixed chains, direct calls where there is no advice. */
@IntegrationTest
class FrozenProxiesTest {

    @Autowired
    Circulating circulating;

    @Autowired
    OrgUnits units;

    @Test
    void the_transaction_proxies_are_frozen_and_still_begin_transactions() {
        assertThat(circulating).isInstanceOf(Advised.class);
        assertThat(((Advised) circulating).isFrozen()).isTrue();
        assertThat(((Advised) units).isFrozen()).isTrue();
        // an advised method (a transaction) and an unadvised one (direct) both still reach the bean; that the
        // transactions still begin, commit and roll back, every test of the rules that refuse shows
        assertThat(units.find("JQ")).isPresent();
        assertThat(units.nameOf("JQ")).isNotBlank();
    }
}
