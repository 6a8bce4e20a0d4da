package org.shuxiang.network;

import java.util.List;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the operators that run units. */
@Service
public class Operators {

    private final OperatorRepository operators;
    private final AccessControl access;

    Operators(OperatorRepository operators, AccessControl access) {
        this.operators = operators;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public List<Operator> list() {
        access.requireSomewhere(Permission.NETWORK_READ);
        return operators.list();
    }
}
