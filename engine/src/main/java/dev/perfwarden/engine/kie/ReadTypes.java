package dev.perfwarden.engine.kie;

import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.drools.base.rule.EntryPointId;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which facts a compiled rule base can match: a fact whose class no pattern of any rule or query can match (no
 * object-type node of the default entry point with a node below it is of its class, a superclass or an
 * interface of it) changes nothing in a session, so a session need not insert it. On Go's standard library each of
 * some 350 package sessions got ~2,600 shared facts (a {@code LogoptHeader} per {@code -json} file, a
 * {@code PackageDecl} per section) that no built-in rule reads.
 *
 * <p>Read from the rule base's own network, not from a list of types: a pack that reads {@code LogoptHeader}
 * gets it. When the network is not the one this class knows (another Drools, a type that is not a class), every
 * fact is inserted as before.
 */
final class ReadTypes implements Predicate<Object> {
    /** Inserts every fact. */
    static final ReadTypes ALL = new ReadTypes(null);

    /** The classes of the object-type nodes that have something below them; null: every fact. */
    private final List<Class<?>> read;
    private final ClassValue<Boolean> matched = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> r : read) {
                if (r.isAssignableFrom(type)) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }
    };

    private ReadTypes(List<Class<?>> read) {
        this.read = read;
    }

    /** The types {@code kieBase}'s rules and queries can match; {@link #ALL} when that cannot be told. */
    static ReadTypes of(KieBase kieBase) {
        if (!(kieBase instanceof InternalRuleBase base)) {
            return ALL;
        }
        try {
            Map<ObjectType, ObjectTypeNode> nodes = base.getRete().getObjectTypeNodes(EntryPointId.DEFAULT);
            List<Class<?>> read = new ArrayList<>();
            for (ObjectTypeNode node : nodes.values()) {
                ObjectSinkPropagator below = node.getObjectSinkPropagator();
                if (below == null || below.size() == 0) {
                    continue; // made when a fact of a class no rule names was inserted: it matches nothing
                }
                if (!(node.getObjectType() instanceof ClassObjectType c) || c.getClassType() == null) {
                    return ALL; // a declared or template type: not judged here
                }
                if (c.getClassType() == Object.class) {
                    return ALL;
                }
                read.add(c.getClassType());
            }
            return new ReadTypes(List.copyOf(read));
        } catch (RuntimeException | LinkageError e) {
            return ALL; // a Drools whose network differs: insert everything
        }
    }

    /** Whether some pattern can match {@code fact}. */
    @Override
    public boolean test(Object fact) {
        return read == null || fact == null || matched.get(fact.getClass());
    }

    /** Inserts the facts of {@code facts} some pattern can match into {@code session}. */
    void insert(org.kie.api.runtime.KieSession session, List<?> facts) {
        for (Object o : facts) {
            if (test(o)) {
                session.insert(o);
            }
        }
    }

    /** Whether this inserts every fact ({@link #ALL}). */
    boolean all() {
        return read == null;
    }
}
