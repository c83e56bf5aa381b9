package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.image.ImageResult;
import java.nio.file.Path;

/**
 * How the image reaches the cluster's nodes, decided before anything is done: {@code up} acts on it, a plan prints it.
 * {@code forPods} is the image as pod specs must name it.
 */
sealed interface ImageLoad {

    ImageResult forPods();

    /** What the step line (or the plan) says. */
    String detail();

    /** A plan's one word for it. */
    String decision();

    /** The nodes pull it (a registry); nothing to put on them. */
    record Pull(ImageResult forPods, String detail) implements ImageLoad {
        @Override
        public String decision() {
            return "pull";
        }
    }

    /** The nodes already have these exact layers (the tag is derived from the content). */
    record AlreadyOnNodes(ImageResult forPods) implements ImageLoad {
        @Override
        public String detail() {
            return "already on the nodes, import skipped";
        }

        @Override
        public String decision() {
            return "skip";
        }
    }

    /** A plan's answer for a stopped cluster: what its nodes hold is read once {@code up} has started it. */
    record AfterTheStart(ImageResult forPods) implements ImageLoad {
        @Override
        public String detail() {
            return "the cluster is stopped: up reads what its nodes hold once it has started it";
        }

        @Override
        public String decision() {
            return "after the start";
        }
    }

    /** The archive is put on every node. */
    record Import(ImageResult forPods, Path tar) implements ImageLoad {
        @Override
        public String detail() {
            return "import " + forPods.reference() + " from " + tar.getFileName();
        }

        @Override
        public String decision() {
            return "import";
        }
    }
}
