package dev.perfwarden.engine.pack;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.type.Type;

/**
 * The one Java parser of the engine: JavaParser at Java 17, for the Java a pack holds (consequences, functions,
 * constraint operands). A {@link JavaParser} reuses its generated parser from call to call and is not safe for
 * two threads at once (packs are checked on several threads), so every parse holds its lock.
 */
public final class JavaSyntax {
    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    private JavaSyntax() {
    }

    /** A block, e.g. a consequence or a function body wrapped in braces. */
    public static ParseResult<BlockStmt> block(String text) {
        synchronized (PARSER) {
            return PARSER.parseBlock(text);
        }
    }

    public static ParseResult<Expression> expression(String text) {
        synchronized (PARSER) {
            return PARSER.parseExpression(text);
        }
    }

    public static ParseResult<Type> type(String text) {
        synchronized (PARSER) {
            return PARSER.parseType(text);
        }
    }
}
