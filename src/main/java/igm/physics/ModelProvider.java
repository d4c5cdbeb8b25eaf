package igm.physics;

import igm.params.ParameterRegistry;
import igm.params.ParameterType;

import java.util.List;

/**
 * What the program knows of one physics model besides how to build it: its name, the value of its component's
 * {@code method} parameter, and the parameters it reads. Extended by the ice-flow and mass-balance providers, which
 * add the factory; registered in a {@link ModelRegistry}.
 */
public interface ModelProvider {

    /** The model's name, a value of its component's {@code method} parameter; unique in its registry. */
    String name();

    /**
     * The keys of {@link ParameterRegistry#standard()} this model reads, besides its component's {@code method};
     * each is a registered key of that component.
     */
    List<String> parameterKeys();

    /**
     * The keys among {@link #parameterKeys()} whose value names a file or folder the model reads when it is built
     * (its PATH parameters, in the same order): a resumed run checks that those given still exist.
     */
    default List<String> fileKeys() {
        ParameterRegistry registry = ParameterRegistry.standard();
        return parameterKeys().stream().filter(key -> registry.spec(key).type() == ParameterType.PATH).toList();
    }
}
