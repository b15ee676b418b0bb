package dev.perfwarden.engine.pack;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;

import java.util.Optional;

/**
 * What a constraint's operand is when it is a string known at load: a literal, and the forms an author may wrap
 * it in ({@code ("x")}, {@code (String) "x"}, {@code "a" + "b"}, {@code "x".toString()}), read from JavaParser's
 * syntax tree, never from the text. Also a field compared with {@code equals} ({@code kind.equals("x")},
 * {@code "x".equals(kind)}). Used by {@link VocabularyCheck}; anything else is "not known" and left alone.
 */
final class ConstantText {
    private ConstantText() {
    }

    /** A field name and the constant it is compared with. */
    record Comparison(String field, String constant, String constantText) {
    }

    /** The string value of a Java expression, if it is a constant string. */
    static Optional<String> of(String javaExpr) {
        return parse(javaExpr).flatMap(ConstantText::value);
    }

    /** {@code field.equals(constant)} or {@code constant.equals(field)}, with {@code this.} dropped. */
    static Optional<Comparison> equalsCall(String javaExpr) {
        Optional<Expression> e = parse(javaExpr);
        if (e.isEmpty() || !(e.get() instanceof MethodCallExpr call) || !call.getNameAsString().equals("equals")
                || call.getArguments().size() != 1 || call.getScope().isEmpty()) {
            return Optional.empty();
        }
        Expression scope = call.getScope().get();
        Expression arg = call.getArgument(0);
        Optional<Comparison> c = comparison(scope, arg);
        return c.isPresent() ? c : comparison(arg, scope);
    }

    private static Optional<Comparison> comparison(Expression field, Expression constant) {
        String name = field instanceof NameExpr n ? n.getNameAsString()
                : field.isFieldAccessExpr() && field.asFieldAccessExpr().getScope().isThisExpr()
                ? field.asFieldAccessExpr().getNameAsString() : null;
        return name == null ? Optional.empty()
                : value(constant).map(v -> new Comparison(name, v, constant.toString()));
    }

    private static Optional<Expression> parse(String javaExpr) {
        ParseResult<Expression> r = JavaSyntax.expression(javaExpr);
        return r.isSuccessful() ? r.getResult() : Optional.empty();
    }

    private static Optional<String> value(Expression e) {
        if (e instanceof StringLiteralExpr s && !(e instanceof TextBlockLiteralExpr)) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(t.asString());
        }
        if (e instanceof EnclosedExpr p) {
            return value(p.getInner());
        }
        if (e instanceof CastExpr c && c.getType().asString().matches("(java\\.lang\\.)?String")) {
            return value(c.getExpression());
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> l = value(b.getLeft());
            Optional<String> r = value(b.getRight());
            return l.isPresent() && r.isPresent() ? Optional.of(l.get() + r.get()) : Optional.empty();
        }
        if (e instanceof MethodCallExpr m && m.getArguments().isEmpty() && m.getScope().isPresent()
                && (m.getNameAsString().equals("toString") || m.getNameAsString().equals("intern"))) {
            return value(m.getScope().get());
        }
        return Optional.empty();
    }
}
