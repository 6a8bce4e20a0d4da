package org.shuxiang.selfservice;

import java.util.Set;

import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.CreditSource;
import org.shuxiang.patrons.DepositTiers;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Card-issuing machines (自助办证机): a reader puts an identity card on the reader, agrees to a credit
 * check or pays a deposit into the machine, and takes a new card. The same registration, credit and
 * deposit rules as at a desk; the machine acts as itself, managing readers at its own unit only for
 * this. A card that borrows needs the credit check to pass or a deposit of one of the network's tiers;
 * otherwise nothing is registered and the machine is told what to ask for.
 */
@Service
public class CardIssuing {

    /** What the machine read and was given. {@code depositCents}: the money it took, if any. */
    public record Application(String name, String identityNumber, String phone, String address, String email,
                              CardType cardType, String cardNumber, String pin, boolean creditConsent,
                              Integer depositCents) {
    }

    /** The new reader, on credit or on a deposit; {@code credit} is the check's result when one was made. */
    public record Issued(Reader reader, CreditSource.Assessment credit) {
    }

    private final ManagingReaders readers;
    private final DepositTiers tiers;
    private final AccessControl access;

    CardIssuing(ManagingReaders readers, DepositTiers tiers, AccessControl access) {
        this.readers = readers;
        this.tiers = tiers;
        this.access = access;
    }

    @Transactional
    public Issued issue(Devices.Device device, Application application) {
        Devices.require(device, Capability.REGISTER_READERS);
        if (application.identityNumber() == null || application.identityNumber().isBlank()) {
            throw RefusedException.onField("identityNumber", PlatformRefusal.VALIDATION_FAILED);
        }
        CardType type = application.cardType() == null ? CardType.ADULT : application.cardType();
        if (type == CardType.CHILD || type == CardType.GROUP) {
            // a child needs a guardian present and a group card an institution: both at a desk
            throw RefusedException.onField("cardType", SelfServiceRefusal.DEVICE_CANNOT, device.code(), type);
        }
        Actor.Machine machine = new Actor.Machine(device.apiKeyId(), "device " + device.code(), device.unitCode(),
                Set.of(Permission.PATRONS_MANAGE));
        return access.as(machine, () -> {
            Reader reader = readers.register(new ManagingReaders.Registration(application.name(),
                    application.identityNumber(), application.phone(), application.address(), device.unitCode(), type,
                    null, application.cardNumber(), application.pin(), application.email()));
            CreditSource.Assessment credit = application.creditConsent()
                    ? readers.checkCredit(reader.id(), true) : null;
            if (!type.borrows() || credit != null && credit.approved()) {
                return new Issued(readers.get(reader.id()), credit);
            }
            if (application.depositCents() != null && application.depositCents() > 0) {
                return new Issued(readers.payDeposit(reader.id(), application.depositCents()), credit);
            }
            if (credit != null) {
                throw new RefusedException(SelfServiceRefusal.CREDIT_TOO_LOW, credit.score(), credit.threshold(),
                        tiers.describe());
            }
            throw new RefusedException(SelfServiceRefusal.DEPOSIT_OR_CREDIT_REQUIRED, tiers.describe());
        });
    }
}
